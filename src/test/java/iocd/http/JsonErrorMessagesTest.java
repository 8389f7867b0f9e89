package iocd.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonErrorMessagesTest {
    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/* c */[]| comments",
            "[+1]| plus sign",
            "[NaN]| NaN",
            "{\"a\": tru}| tru",
            "[1 2]| column",
            "{\"a\": 1} {\"b\": 2}| after the end"})
    void describe_speaksJsonNotJackson(String body, String expected) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> READER.readTree(body));

        String message = JsonErrorMessages.describe(e);

        assertThat(message).containsIgnoringCase(expected);
        assertThat(message).doesNotContain("Feature", "`", "Source:", "StreamRead", "JsonReadFeature");
        assertThat(message).doesNotContain("does not allow, which JSON does not allow");
    }
}
