package iocd.ioc;

import org.jspecify.annotations.Nullable;

/**
 * The canonical form of one raw value.
 *
 * @param type        the IOC type
 * @param value       canonical value as stored and published (see the type rules in the design notes)
 * @param port        the port split off an {@code address:port} value, or null
 * @param displayName the Unicode form of an IDN domain, or null when it equals the value
 */
public record NormalizedValue(IocType type, String value, @Nullable Integer port, @Nullable String displayName) {
    public static NormalizedValue of(IocType type, String value) {
        return new NormalizedValue(type, value, null, null);
    }
}
