package iocd.ioc;

import iocd.IocdException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A value that fails its type's rules. The message names the value, the rule broken and, where it helps, the fix. */
public final class InvalidIocException extends IocdException {
    private static final long serialVersionUID = 1L;

    private final String value;
    private final @Nullable IocType type;
    private final String reason;

    public InvalidIocException(String value, @Nullable IocType type, String reason) {
        super("invalid_ioc", format(value, type, reason));
        this.value = value;
        this.type = type;
        this.reason = reason;
    }

    private static String format(String value, @Nullable IocType type, String reason) {
        String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return type == null
                ? String.format(Locale.ROOT, "'%s': %s", shown, reason)
                : String.format(Locale.ROOT, "%s '%s': %s", type.apiName(), shown, reason);
    }

    public String value() {
        return value;
    }

    public @Nullable IocType type() {
        return type;
    }

    /** The broken rule alone, without the value, for grouping rejections in import reports. */
    public String reason() {
        return reason;
    }
}
