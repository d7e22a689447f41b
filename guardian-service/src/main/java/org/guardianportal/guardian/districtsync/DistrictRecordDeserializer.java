package org.guardianportal.guardian.districtsync;

import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Deserializer;
import org.guardianportal.contracts.GuardianUpdate;
import org.guardianportal.guardian.guardian.Reason;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code guardian.updates.v1} value into a {@link GuardianUpdate} and refuses one that cannot be applied,
 * with its reason ({@link RefusedRecordException}). Wrapped in Spring's {@code ErrorHandlingDeserializer}, a refusal
 * sends the record's original bytes and key to {@code guardian.updates.v1.dlt}, unchanged, so the district can fix
 * and resend it.
 */
public class DistrictRecordDeserializer implements Deserializer<GuardianUpdate> {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public GuardianUpdate deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            throw refused("RECORD_NO_VALUE");
        }
        GuardianUpdate record;
        try {
            record = json.readValue(data, GuardianUpdate.class);
        } catch (StreamReadException e) {
            TokenStreamLocation location = e.getLocation();
            throw location == null || location.getLineNr() < 0 ? refused("RECORD_NOT_JSON")
                    : refused("RECORD_NOT_JSON_AT", location.getLineNr(), location.getColumnNr());
        } catch (JacksonException e) {
            throw e.getPath().isEmpty() ? refused("RECORD_NOT_AN_OBJECT") : refused("RECORD_WRONG_TYPE", fieldPath(e));
        }
        if (record == null) {
            throw refused("RECORD_JSON_NULL");
        }
        DistrictRecordRule.problemWith(record).ifPresent(problem -> {
            throw new RefusedRecordException(problem);
        });
        return record;
    }

    private static RefusedRecordException refused(String code, Object... values) {
        return new RefusedRecordException(Reason.of(code, values));
    }

    private static String fieldPath(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
