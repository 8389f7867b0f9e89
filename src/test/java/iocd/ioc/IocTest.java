package iocd.ioc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IocTest {
    private static final String VALUE = "evil.example.com";

    /** Every text field of an IOC, each set to the given text on a builder. */
    private static final Map<String, BiFunction<Ioc.Builder, String, Ioc.Builder>> FIELDS = Map.of(
            "name", Ioc.Builder::name,
            "description", Ioc.Builder::description,
            "tags[1]", (builder, text) -> builder.tags(List.of("ok", text)),
            "kill_chain_phases[0]", (builder, text) -> builder.killChainPhases(List.of(text)),
            "indicator_types[0]", (builder, text) -> builder.indicatorTypes(List.of(text)),
            "reference", Ioc.Builder::reference,
            "source", Ioc.Builder::source);

    private static Ioc.Builder domain() {
        return Ioc.builder(IocType.DOMAIN, VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"})
    void build_rejectsTimesOutsideStixYears(String text) {
        Instant time = Instant.parse(text);

        assertThatThrownBy(() -> domain().firstSeen(time).build()).isInstanceOf(InvalidIocException.class)
                .hasMessageContaining("first_seen").hasMessageContaining("years 0001 to 9999");
        assertThatThrownBy(() -> domain().lastSeen(time).build()).isInstanceOf(InvalidIocException.class)
                .hasMessageContaining("last_seen");
        assertThatThrownBy(() -> domain().validUntil(time).build()).isInstanceOf(InvalidIocException.class)
                .hasMessageContaining("valid_until");
    }

    @Test
    void build_rejectsOversizedText() {
        assertThatThrownBy(() -> domain().description("d".repeat(Ioc.MAX_DESCRIPTION + 1)).build())
                .isInstanceOf(InvalidIocException.class).hasMessageContaining("description has 65537 characters");
        assertThatThrownBy(() -> domain().name("n".repeat(Ioc.MAX_NAME + 1)).build())
                .isInstanceOf(InvalidIocException.class).hasMessageContaining("name has");
        assertThatThrownBy(() -> domain().tags(java.util.Collections.nCopies(Ioc.MAX_LIST + 1, "t")).build())
                .isInstanceOf(InvalidIocException.class).hasMessageContaining("tags has 1001 entries");
        assertThatThrownBy(() -> domain().tags(List.of("ok", "t".repeat(Ioc.MAX_LIST_ENTRY + 1))).build())
                .isInstanceOf(InvalidIocException.class).hasMessageContaining("tags[1] has");
    }

    @Test
    void build_acceptsTextAtTheLimits() {
        Ioc ioc = domain().description("d".repeat(Ioc.MAX_DESCRIPTION))
                .tags(java.util.Collections.nCopies(Ioc.MAX_LIST, "t".repeat(Ioc.MAX_LIST_ENTRY))).build();

        assertThat(ioc.description()).hasSize(Ioc.MAX_DESCRIPTION);
    }

    @Test
    void build_acceptsTheEdgeYears() {
        assertThat(domain().firstSeen(Ioc.EARLIEST_TIME).validUntil(Ioc.LATEST_TIME).build().validUntil())
                .isEqualTo(Ioc.LATEST_TIME);
    }

    @Test
    void build_rejectsNulInEveryTextField() {
        FIELDS.forEach((field, setter) -> assertThatThrownBy(() -> setter.apply(domain(), "x\u0000y").build())
                .as(field)
                .isInstanceOf(InvalidIocException.class)
                .hasMessage("domain 'evil.example.com': " + field
                        + " contains a NUL character (U+0000) at position 1; remove it"));
    }

    @Test
    void build_rejectsUnpairedSurrogateInEveryTextField() {
        FIELDS.forEach((field, setter) -> assertThatThrownBy(() -> setter.apply(domain(), "ab\uD800").build())
                .as(field)
                .isInstanceOf(InvalidIocException.class)
                .hasMessageContaining(field + " contains an unpaired surrogate U+D800 at position 2"));
    }

    @Test
    void build_rejectsLowSurrogateBeforeHighOne() {
        assertThatThrownBy(() -> domain().description("\uDE00\uD83D").build())
                .isInstanceOf(InvalidIocException.class)
                .hasMessageContaining("description contains an unpaired surrogate U+DE00 at position 0");
    }

    @Test
    void build_rejectionNamesValueAndRuleSeparately() {
        InvalidIocException rejection = catchInvalid(domain().description("d\u0000"));

        assertThat(rejection.value()).isEqualTo(VALUE);
        assertThat(rejection.type()).isEqualTo(IocType.DOMAIN);
        assertThat(rejection.reason()).isEqualTo("description contains a NUL character (U+0000) at position 1; "
                + "remove it");
    }

    @Test
    void build_rejectsNulInValueWithoutNormalizer() {
        InvalidIocException rejection = catchInvalid(Ioc.builder(IocType.DOMAIN, "a\u0000.example.com"));

        assertThat(rejection.reason()).isEqualTo("value contains a NUL character (U+0000) at position 1; remove it");
        assertThat(rejection.getMessage()).doesNotContain("\u0000");
    }

    @Test
    void build_keepsSurrogatePairsAndLineBreaks() {
        FIELDS.forEach((field, setter) -> assertThat(setter.apply(domain(), "C2 \uD83D\uDE00\n\tpanel").build())
                .as(field)
                .isNotNull());
    }

    @Test
    void normalize_namesNulPositionAndFix() {
        assertThatThrownBy(() -> Normalizer.normalize(IocType.DOMAIN, "ab\u0000.example.com"))
                .isInstanceOf(InvalidIocException.class)
                .hasMessageEndingWith("value contains a NUL character (U+0000) at position 2; remove it");
    }

    private static InvalidIocException catchInvalid(Ioc.Builder builder) {
        try {
            builder.build();
        } catch (InvalidIocException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidIocException");
    }
}
