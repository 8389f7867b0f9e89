package iocd.taxii;

import iocd.ioc.IocType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One TAXII collection: a fixed id and title that clients store in their configuration, so both must never change,
 * and the IOC types it holds.
 *
 * @param id          UUIDv4, fixed in code
 * @param alias       short name usable in URLs instead of the id
 * @param title       stable title clients pick the collection by
 * @param description what the collection holds
 * @param types       IOC types the collection serves and accepts
 */
record TaxiiCollection(UUID id, String alias, String title, String description, Set<IocType> types) {

    /** Every collection in the order the collections resource lists them. */
    static final List<TaxiiCollection> ALL = List.of(
            of("4ee15d6b-3608-4119-a5b4-a0c049b6fb01", "all", "iocd all indicators",
                    "Every IOC type: indicators, vulnerabilities and ATT&CK techniques.", EnumSet.allOf(IocType.class)),
            of("b5d51464-9f7f-4864-b2c4-74da1adc0d9c", "ipv4", "iocd IPv4 indicators", IocType.IPV4),
            of("49ca5a83-2aa4-409f-9fea-a2cfee3b6a53", "ipv6", "iocd IPv6 indicators", IocType.IPV6),
            of("2ec4f5c7-85c0-4f6d-a321-7eb59790cd1d", "domain", "iocd domain indicators", IocType.DOMAIN),
            of("cb3aae87-f91c-44df-b7b1-d8cebbcbc981", "url", "iocd URL indicators", IocType.URL),
            of("64e7f63c-36fd-4e69-886b-1bc999535981", "md5", "iocd MD5 indicators", IocType.MD5),
            of("058a1f29-e5dd-4eb0-8b11-b7aa327af34f", "sha1", "iocd SHA-1 indicators", IocType.SHA1),
            of("4371dd10-8160-46e3-b856-ff2a1de2282d", "sha256", "iocd SHA-256 indicators", IocType.SHA256),
            of("7f0b465d-cfd7-49a7-9e2b-6bb382c7a6bb", "sha512", "iocd SHA-512 indicators", IocType.SHA512),
            of("b3df082b-dd3f-46c7-9035-c6b76bd4c55e", "email", "iocd email indicators", IocType.EMAIL),
            of("0eb1f2e7-c280-41e1-84bd-abf52d2b42df", "cve", "iocd vulnerabilities", IocType.CVE),
            of("5cd0a1ef-e23e-4754-b3c6-e94618f9c8bb", "mitre-attack", "iocd ATT&CK techniques",
                    IocType.MITRE_ATTACK));

    TaxiiCollection {
        types = Set.copyOf(types);
    }

    /** The collection whose id or alias is {@code key}. */
    static Optional<TaxiiCollection> find(String key) {
        for (TaxiiCollection collection : ALL) {
            if (collection.alias.equals(key) || collection.id.toString().equals(key)) {
                return Optional.of(collection);
            }
        }
        return Optional.empty();
    }

    /** Position in {@link #ALL}; continuation tokens carry it. */
    int index() {
        return ALL.indexOf(this);
    }

    boolean holdsAllTypes() {
        return types.size() == IocType.values().length;
    }

    private static TaxiiCollection of(String id, String alias, String title, IocType type) {
        String description = String.format(java.util.Locale.ROOT,
                "IOCs of type %s, published as STIX 2.1 %s objects.", type.apiName(), type.stixType());
        return of(id, alias, title, description, EnumSet.of(type));
    }

    private static TaxiiCollection of(String id, String alias, String title, String description,
            Set<IocType> types) {
        return new TaxiiCollection(UUID.fromString(id), alias, title, description, types);
    }
}
