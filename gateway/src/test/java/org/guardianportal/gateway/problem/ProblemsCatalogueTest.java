package org.guardianportal.gateway.problem;

import org.guardianportal.testsupport.MessageCatalogues;
import org.junit.jupiter.api.Test;

class ProblemsCatalogueTest {

    @Test
    void everyRefusalIsWordedInEnglishAndInFrench() {
        MessageCatalogues.assertComplete("problems");
    }
}
