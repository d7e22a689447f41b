package org.guardianportal.guardian.districtsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
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
    void everyRefusalSaysWhyInWords() {
        assertRefused("{\"source\":", "the record is not valid JSON");
        assertRefused("[1,2]", "the record is not a JSON object with source, externalId, firstName, lastName and email");
        assertRefused("{\"source\":\"S\",\"externalId\":{\"a\":1},\"firstName\":\"A\",\"lastName\":\"B\"}",
                "the field 'externalId' has a value of the wrong type");
        assertRefused("{\"source\":\"S\",\"firstName\":\" \"}", "missing required fields: externalId, firstName, lastName");
        assertRefused("{\"source\":\"S\",\"externalId\":\"E\",\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b\"}",
                "invalid email 'a@b': the part after the @ has no dot");
        assertRefused("null", "the record is JSON null");
        assertThatThrownBy(() -> deserializer.deserialize("guardian.updates.v1", null)).hasMessage("the record has no value");
    }

    private GuardianUpdate read(String json) {
        return deserializer.deserialize("guardian.updates.v1", json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String json, String reason) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(SerializationException.class).hasMessageStartingWith(reason);
    }
}
