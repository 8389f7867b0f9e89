package iocd.ingest;

import iocd.ioc.InvalidIocException;
import iocd.ioc.NormalizedValue;
import iocd.stix.PatternParser;
import iocd.stix.PatternSyntaxException;
import java.util.List;

/** Values of a simple STIX indicator pattern. */
final class IndicatorPatterns {
    private IndicatorPatterns() {
    }

    /**
     * Returns the normalised values of a pattern made of simple equality comparisons joined by {@code OR}.
     *
     * @throws InvalidIocException when the pattern is of another kind or a value breaks its type's rules
     */
    static List<NormalizedValue> values(String pattern) {
        try {
            return PatternParser.simpleIndicatorValues(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidIocException(pattern, null, e.reason());
        }
    }
}
