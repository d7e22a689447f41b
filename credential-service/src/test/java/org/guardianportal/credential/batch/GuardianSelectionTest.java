package org.guardianportal.credential.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.guardianportal.credential.web.RequestTooLargeException;
import org.guardianportal.web.BrokenRule;
import org.guardianportal.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class GuardianSelectionTest {

    @Test
    void aGuardianSelectedTwiceCountsOnce() {
        assertThat(GuardianSelection.of(List.of("g2", "g1", "g2", " g1 "), 10).guardianIds())
                .containsExactly("g2", "g1");
    }

    @Test
    void anEmptySelectionIsRefused() {
        assertThatThrownBy(() -> GuardianSelection.of(List.of(), 10)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> GuardianSelection.of(null, 10)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aBlankOrMissingIdIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> GuardianSelection.of(Arrays.asList("g1", null, " "), 10))
                .isInstanceOfSatisfying(InvalidRequestException.class, refused ->
                        assertThat(refused.brokenRules()).extracting(BrokenRule::field, BrokenRule::code)
                                .containsExactly(tuple("guardianIds[1]", "batch.blankId"),
                                        tuple("guardianIds[2]", "batch.blankId")));
    }

    @Test
    void moreGuardiansThanTheLimitIsTooLarge() {
        assertThatThrownBy(() -> GuardianSelection.of(Collections.nCopies(11, "g1"), 10))
                .isInstanceOfSatisfying(RequestTooLargeException.class, refused ->
                        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
        assertThat(GuardianSelection.of(Collections.nCopies(10, "g1"), 10).size()).isEqualTo(1);
    }
}
