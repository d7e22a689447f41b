package org.guardianportal.guardian.districtsync;

import java.util.stream.Collectors;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.guardianportal.contracts.GuardianUpdate;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code guardian.updates.v1} value into a {@link GuardianUpdate} and refuses one that cannot be applied,
 * with the reason in words. Wrapped in Spring's {@code ErrorHandlingDeserializer}, a refusal sends the record's
 * original bytes and key to {@code guardian.updates.v1.dlt}, unchanged, so the district can fix and resend it.
 */
public class DistrictRecordDeserializer implements Deserializer<GuardianUpdate> {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public GuardianUpdate deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            throw new SerializationException("the record has no value");
        }
        GuardianUpdate record;
        try {
            record = json.readValue(data, GuardianUpdate.class);
        } catch (StreamReadException e) {
            throw new SerializationException("the record is not valid JSON" + where(e.getLocation()));
        } catch (JacksonException e) {
            throw new SerializationException(e.getPath().isEmpty()
                    ? "the record is not a JSON object with source, externalId, firstName, lastName and email"
                    : "the field '" + fieldPath(e) + "' has a value of the wrong type");
        }
        if (record == null) {
            throw new SerializationException("the record is JSON null");
        }
        DistrictRecordRule.problemWith(record).ifPresent(problem -> {
            throw new SerializationException(problem);
        });
        return record;
    }

    private static String fieldPath(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String where(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
