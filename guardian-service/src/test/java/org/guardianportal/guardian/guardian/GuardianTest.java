package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.guardianportal.contracts.EmailOrigin;
import org.guardianportal.contracts.GuardianEmailUpdated;
import org.junit.jupiter.api.Test;

class GuardianTest {

    private static final Instant CREATED = Instant.parse("2025-09-01T08:00:00Z");
    private static final Instant LATER = Instant.parse("2025-09-02T08:00:00Z");
    private static final Actor SECRETARIAT = Actor.admin("secretariat");

    @Test
    void aNewGuardianWithoutEmailIsAnnouncedWithNoEmail() {
        GuardianChange creation = Guardian.register(" Paul ", "Martin", null, null, SECRETARIAT, CREATED);

        assertThat(creation.after().firstName()).isEqualTo("Paul");
        assertThat(creation.event().email()).isNull();
        assertThat(creation.event().previousEmail()).isNull();
        assertThat(creation.event().guardianId()).isEqualTo(creation.after().id());
        assertThat(creation.event().origin()).isEqualTo(EmailOrigin.ADMIN);
    }

    @Test
    void theSameAddressInAnotherCaseIsNoChange() {
        Guardian guardian = registered("paul@example.fr");

        assertThat(guardian.changeEmail(" PAUL@Example.fr ", SECRETARIAT, LATER)).isEmpty();
    }

    @Test
    void aNewAddressIsAnnouncedWithThePreviousOne() {
        Guardian guardian = registered("paul@example.fr");

        GuardianChange change = guardian.changeEmail("paul.martin@example.fr", SECRETARIAT, LATER).orElseThrow();

        GuardianEmailUpdated event = change.event();
        assertThat(event.email()).isEqualTo("paul.martin@example.fr");
        assertThat(event.previousEmail()).isEqualTo("paul@example.fr");
        assertThat(event.actor()).isEqualTo("secretariat");
        assertThat(change.after().updatedAt()).isEqualTo(LATER);
        assertThat(change.after().version()).isEqualTo(guardian.version() + 1);
    }

    @Test
    void anInvalidAddressChangesNothingAndSaysWhy() {
        Guardian guardian = registered("paul@example.fr");

        assertThatThrownBy(() -> guardian.changeEmail("paul@example", SECRETARIAT, LATER))
                .isInstanceOf(InvalidEmailException.class);
    }

    @Test
    void removingAnAddressThatIsNotThereIsNoChange() {
        assertThat(registered(null).removeEmail(SECRETARIAT, LATER)).isEmpty();
        assertThat(registered("paul@example.fr").removeEmail(SECRETARIAT, LATER)).get()
                .extracting(change -> change.event().previousEmail()).isEqualTo("paul@example.fr");
    }

    @Test
    void aDistrictRecordThatRenamesTheGuardianIsAnnouncedEvenWithTheSameAddress() {
        Guardian guardian = registered("paul@example.fr");
        Actor district = Actor.district("SIECLE");

        GuardianChange change = guardian.applyDistrictRecord("Paul", "Martin-Durand", "paul@example.fr", district, LATER)
                .orElseThrow();

        assertThat(change.event().lastName()).isEqualTo("Martin-Durand");
        assertThat(change.event().origin()).isEqualTo(EmailOrigin.DISTRICT_SYNC);
        assertThat(change.event().actor()).isEqualTo("SIECLE");
        assertThat(guardian.applyDistrictRecord("Paul", "Martin", "PAUL@example.fr ", district, LATER)).isEmpty();
    }

    private static Guardian registered(String email) {
        return Guardian.register("Paul", "Martin", email, null, SECRETARIAT, CREATED).after();
    }
}
