package org.guardianportal.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.guardianportal.contracts.SealedSecret;

/** Seals a temporary password for the trip over Kafka and into the message log, and opens it for delivery or reveal. */
public final class SecretSealer {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * One cipher per thread, initialised afresh for every secret: looking the transformation up again for each one
     * ({@code Cipher.getInstance}) was two fifths of opening a secret, 3 % of notification-service's CPU while delivering.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no " + TRANSFORMATION, e);
        }
    });

    private final DeliveryKeys keys;
    private final SecureRandom random = new SecureRandom();

    public SecretSealer(DeliveryKeys keys) {
        this.keys = keys;
    }

    /**
     * Seals {@code plaintext}. {@code associatedData} (for example the guardian id) is authenticated, not
     * encrypted: a sealed secret copied onto another guardian's record does not open.
     */
    public SealedSecret seal(String plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), iv, associatedData);
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new SealedSecret(SealedSecret.A256GCM, keys.currentKeyId(), base64.encodeToString(iv),
                    base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal the secret", e);
        }
    }

    /** Opens a sealed secret; fails with {@link SecretUnreadableException} if the key is unknown or the data was altered. */
    public String open(SealedSecret sealed, String associatedData) {
        if (sealed == null || !SealedSecret.A256GCM.equals(sealed.alg())) {
            throw new SecretUnreadableException("unsupported algorithm " + (sealed == null ? null : sealed.alg()));
        }
        SecretKey key = keys.find(sealed.keyId())
                .orElseThrow(() -> new SecretUnreadableException("unknown delivery key id " + sealed.keyId()));
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, base64.decode(sealed.iv()), associatedData);
            return new String(cipher.doFinal(base64.decode(sealed.ciphertext())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretUnreadableException("the sealed secret does not open with key " + sealed.keyId());
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        if (associatedData != null) {
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }
}
