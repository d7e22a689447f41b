package org.guardianportal.contracts;

/**
 * A secret encrypted with the delivery key: AES-256-GCM, the key named by {@code keyId},
 * {@code iv} and {@code ciphertext} (which ends with the GCM tag) in Base64.
 */
public record SealedSecret(String alg, String keyId, String iv, String ciphertext) {

    public static final String A256GCM = "A256GCM";
}
