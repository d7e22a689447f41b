package org.guardianportal.credential.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.guardianportal.credential.CredentialServiceTest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class GuardianAccessListTest extends CredentialServiceTest {

    @Test
    void onePageOfGuardiansGetsItsAccessStatusesInOneCall() {
        String issued = newGuardianId();
        String issuedEmail = newEmail();
        String withoutEmail = newGuardianId();
        String unknown = newGuardianId();
        announce(issued, issuedEmail);
        announce(withoutEmail, null);
        String batchId = requestBatch(issued);
        await().atMost(PATIENCE).until(
                () -> get("/api/credentials/batches/" + batchId).json().path("issued").asInt() == 1);

        Response response = get("/api/credentials/guardians?ids=" + issued + "," + withoutEmail + "," + unknown);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.valueStream().map(v -> v.path("guardianId").asString() + "=" + v.path("status").asString()))
                .as("unknown guardians are left out").containsExactly(issued + "=ISSUED", withoutEmail + "=NONE");
        assertThat(body.get(0).path("login").asString()).isEqualTo(issuedEmail);
        assertThat(body.get(0).path("expiresAt").asString()).endsWith("Z");
    }

    @Test
    void moreThanFiveHundredIdsAreRefusedWithTheRule() {
        String ids = IntStream.range(0, 501).mapToObj(i -> "g" + i).collect(Collectors.joining(","));

        Response response = get("/api/credentials/guardians?ids=" + ids);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("ids");
        assertThat(response.json().path("detail").asString()).contains("at most 500");
    }
}
