package org.guardianportal.credential.web;

import org.guardianportal.testsupport.MessageCatalogues;
import org.junit.jupiter.api.Test;

class MessagesCatalogueTest {

    @Test
    void everyRefusalIsWordedInEnglishAndInFrench() {
        MessageCatalogues.assertComplete("messages");
    }
}
