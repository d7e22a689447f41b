package org.guardianportal.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.guardianportal.contracts.SealedSecret;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private final String oldKey = DeliveryKeys.generate("k1");
    private final String newKey = DeliveryKeys.generate("k2");

    @Test
    void sealedPasswordOpensWithTheSameKeyAndHidesThePlaintext() {
        SecretSealer sealer = new SecretSealer(DeliveryKeys.parse(oldKey));

        SealedSecret sealed = sealer.seal("Xk7mPq9rTw4z", "guardian-1");

        assertThat(sealed.alg()).isEqualTo("A256GCM");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealed.ciphertext()).doesNotContain("Xk7mPq9rTw4z");
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()))).doesNotContain("Xk7mPq9rTw4z");
        assertThat(sealer.open(sealed, "guardian-1")).isEqualTo("Xk7mPq9rTw4z");
    }

    @Test
    void sameSecretSealedTwiceGivesDifferentCiphertexts() {
        SecretSealer sealer = new SecretSealer(DeliveryKeys.parse(oldKey));

        assertThat(sealer.seal("same", "g").ciphertext()).isNotEqualTo(sealer.seal("same", "g").ciphertext());
    }

    @Test
    void afterRotationSecretsSealedWithTheOldKeyStillOpen() {
        SealedSecret sealedBefore = new SecretSealer(DeliveryKeys.parse(oldKey)).seal("before", "g");
        SecretSealer rotated = new SecretSealer(DeliveryKeys.parse(newKey + "," + oldKey));

        assertThat(rotated.open(sealedBefore, "g")).isEqualTo("before");
        assertThat(rotated.seal("after", "g").keyId()).isEqualTo("k2");
    }

    @Test
    void secretMovedToAnotherGuardianDoesNotOpen() {
        SecretSealer sealer = new SecretSealer(DeliveryKeys.parse(oldKey));
        SealedSecret sealed = sealer.seal("secret", "guardian-1");

        assertThatThrownBy(() -> sealer.open(sealed, "guardian-2")).isInstanceOf(SecretUnreadableException.class);
    }

    /** Each thread reuses one cipher: a secret that does not open leaves it ready for the next, in either direction. */
    @Test
    void aSecretThatDoesNotOpenLeavesTheNextOnesToOpenAndSeal() {
        SecretSealer sealer = new SecretSealer(DeliveryKeys.parse(oldKey));
        SealedSecret sealed = sealer.seal("secret", "guardian-1");
        SealedSecret altered = new SealedSecret(sealed.alg(), sealed.keyId(), sealed.iv(),
                Base64.getEncoder().encodeToString(new byte[Base64.getDecoder().decode(sealed.ciphertext()).length]));

        assertThatThrownBy(() -> sealer.open(altered, "guardian-1")).isInstanceOf(SecretUnreadableException.class);
        assertThat(sealer.open(sealed, "guardian-1")).isEqualTo("secret");
        assertThatThrownBy(() -> sealer.open(sealed, "guardian-2")).isInstanceOf(SecretUnreadableException.class);
        SealedSecret next = sealer.seal("next", "guardian-1");
        assertThat(sealer.open(next, "guardian-1")).isEqualTo("next");
        assertThat(sealer.open(sealed, "guardian-1")).isEqualTo("secret");
    }

    @Test
    void unknownKeyIdIsRefusedWithItsName() {
        SealedSecret sealed = new SecretSealer(DeliveryKeys.parse(oldKey)).seal("secret", "g");
        SecretSealer other = new SecretSealer(DeliveryKeys.parse(newKey));

        assertThatThrownBy(() -> other.open(sealed, "g")).hasMessageContaining("k1");
    }

    @Test
    void missingOrShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> DeliveryKeys.parse("")).hasMessageContaining("DELIVERY_KEYS");
        assertThatThrownBy(() -> DeliveryKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> DeliveryKeys.parse("nokeyid")).hasMessageContaining("keyId:base64Key");
    }
}
