package org.guardianportal.guardian.districtsync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.guardianportal.deadletters.ReasonWording;
import org.guardianportal.guardian.guardian.Reason;
import org.guardianportal.web.RequestLanguages;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reasons of refused district records in the language an operator reads (French on the French screens): a
 * refusal's {@link Reason} travels with the dead letter as its key, {@code {"code": …, "values": […]}}, a value that
 * is itself a reason as such an object, and is worded again from it.
 */
@Component
class DistrictReasonWording implements ReasonWording {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CODE = "code";
    private static final String VALUES = "values";

    static String key(Reason reason) {
        return JSON.writeValueAsString(tree(reason));
    }

    private static ObjectNode tree(Reason reason) {
        ObjectNode node = JSON.createObjectNode().put(CODE, reason.code());
        ArrayNode values = node.putArray(VALUES);
        reason.values().forEach(value -> {
            if (value instanceof Reason nested) {
                values.add(tree(nested));
            } else {
                values.add(String.valueOf(value));
            }
        });
        return node;
    }

    /** The reason a key names, if it is one this service wrote. */
    static Optional<Reason> reason(String key) {
        try {
            return reason(JSON.readTree(key));
        } catch (JacksonException notOurs) {
            return Optional.empty();
        }
    }

    private static Optional<Reason> reason(JsonNode node) {
        if (!node.isObject() || !node.path(CODE).isString() || !node.path(VALUES).isArray()) {
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode value : node.path(VALUES)) {
            if (value.isObject()) {
                Optional<Reason> nested = reason(value);
                if (nested.isEmpty()) {
                    return Optional.empty();
                }
                values.add(nested.get());
            } else {
                values.add(value.asString());
            }
        }
        return Optional.of(new Reason(node.path(CODE).asString(), values));
    }

    @Override
    public Optional<String> word(String reasonKey, String acceptLanguage) {
        return reason(reasonKey).flatMap(reason -> {
            try {
                return Optional.of(reason.in(RequestLanguages.of(acceptLanguage)));
            } catch (IllegalStateException unknownCode) {
                return Optional.empty();
            }
        });
    }
}
