package org.guardianportal.deadletters;

import org.guardianportal.testsupport.MessageCatalogues;
import org.junit.jupiter.api.Test;

class DeadLetterProblemsCatalogueTest {

    @Test
    void everyRefusalIsWordedInEnglishAndInFrench() {
        MessageCatalogues.assertComplete("dead-letter-problems");
    }
}
