package org.guardianportal.guardian.districtsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.guardianportal.contracts.GuardianUpdate;
import org.junit.jupiter.api.Test;

class DistrictRecordDeserializerTest {

    private final DistrictRecordDeserializer deserializer = new DistrictRecordDeserializer();

    @Test
    void aCompleteRecordIsRead() {
        GuardianUpdate record = read("{\"source\":\"SIECLE\",\"externalId\":\"E1\",\"firstName\":\"Ada\",\"lastName\":\"Byron\","
                + "\"email\":\"ada@example.fr\",\"extra\":\"ignored\"}");

        assertThat(record).isEqualTo(new GuardianUpdate("SIECLE", "E1", "Ada", "Byron", "ada@example.fr"));
    }

    @Test
    void aRecordWithoutEmailIsValid() {
        assertThat(read("{\"source\":\"S\",\"externalId\":\"E1\",\"firstName\":\"Ada\",\"lastName\":\"Byron\"}").email()).isNull();
    }

    @Test
    void everyRefusalSaysWhyInWordsWithItsCode() {
        assertRefused("{\"source\":", "RECORD_NOT_JSON_AT", "the record is not valid JSON (line 1, column 11)");
        assertRefused("[1,2]", "RECORD_NOT_AN_OBJECT",
                "the record is not a JSON object with source, externalId, firstName, lastName and email");
        assertRefused("{\"source\":\"S\",\"externalId\":{\"a\":1},\"firstName\":\"A\",\"lastName\":\"B\"}",
                "RECORD_WRONG_TYPE", "the field 'externalId' has a value of the wrong type");
        assertRefused("{\"source\":\"S\",\"firstName\":\" \"}", "RECORD_MISSING_FIELDS",
                "missing required fields: externalId, firstName, lastName");
        assertRefused("{\"source\":\"S\",\"externalId\":\"E\",\"firstName\":\"A\"}", "RECORD_MISSING_FIELD",
                "missing required field: lastName");
        assertRefused("{\"source\":\"S\",\"externalId\":\"" + "E".repeat(201)
                + "\",\"firstName\":\"A\",\"lastName\":\"B\"}",
                "RECORD_REFERENCE_TOO_LONG", "source and externalId must be at most 200 characters");
        assertRefused("{\"source\":\"S\",\"externalId\":\"E\",\"firstName\":\"" + "A".repeat(201)
                + "\",\"lastName\":\"B\"}",
                "RECORD_NAME_TOO_LONG", "firstName and lastName must be at most 200 characters");
        assertRefused("{\"source\":\"S\",\"externalId\":\"E\",\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b\"}",
                "INVALID_EMAIL",
                "invalid email 'a@b': the part after the @ has no dot (expected something like example.fr)");
        assertRefused("null", "RECORD_JSON_NULL", "the record is JSON null");
        assertThatThrownBy(() -> deserializer.deserialize("guardian.updates.v1", null))
                .isInstanceOfSatisfying(RefusedRecordException.class,
                        refused -> assertThat(refused.reason().code()).isEqualTo("RECORD_NO_VALUE"))
                .hasMessage("the record has no value");
    }

    private GuardianUpdate read(String json) {
        return deserializer.deserialize("guardian.updates.v1", json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String json, String code, String reason) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOfSatisfying(RefusedRecordException.class,
                        refused -> assertThat(refused.reason().code()).isEqualTo(code))
                .hasMessage(reason);
    }
}
