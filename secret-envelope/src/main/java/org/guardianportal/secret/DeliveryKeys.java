package org.guardianportal.secret;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The delivery keys, by key id. The first key seals new secrets; the others still open what they sealed,
 * so a key can be rotated without losing messages in flight.
 *
 * <p>Written as {@code keyId:base64Key[,keyId:base64Key...]}, each key 32 bytes (AES-256).
 */
public final class DeliveryKeys {

    private static final int KEY_BYTES = 32;

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    private DeliveryKeys(String currentKeyId, Map<String, SecretKey> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /** Reads the keys; refuses anything blank or malformed, so a service never starts without a usable key. */
    public static DeliveryKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "No delivery key: set DELIVERY_KEYS to keyId:base64Key (32 bytes), the first key seals new secrets");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String first = null;
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("A delivery key must be written keyId:base64Key");
            }
            String keyId = trimmed.substring(0, colon);
            byte[] material;
            try {
                material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Delivery key " + keyId + " is not valid Base64");
            }
            if (material.length != KEY_BYTES) {
                throw new IllegalArgumentException(
                        "Delivery key " + keyId + " has " + material.length + " bytes; AES-256 needs " + KEY_BYTES);
            }
            if (keys.putIfAbsent(keyId, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException("Delivery key id " + keyId + " appears twice");
            }
            if (first == null) {
                first = keyId;
            }
        }
        return new DeliveryKeys(first, keys);
    }

    /** A new random key in the written form, for local mode's first start. */
    public static String generate(String keyId) {
        byte[] material = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(material);
        return keyId + ":" + Base64.getEncoder().encodeToString(material);
    }

    String currentKeyId() {
        return currentKeyId;
    }

    SecretKey current() {
        return keys.get(currentKeyId);
    }

    Optional<SecretKey> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}
