package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.guardianportal.guardian.Api;
import org.guardianportal.guardian.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import tools.jackson.databind.JsonNode;

class GuardianSearchTest extends IntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void onlyTheseGuardians() {
        mongo.remove(new Query(), "guardians");
        register("Jean", "Dupont", "jean.dupont@example.fr");
        register("Héloïse", "Martin", null);
        register("Heloise", "Durand", "h.durand@example.org");
        register("Anaïs", "Érard", "anais@example.fr");
        register("Fatou", "N'Diaye", null);
    }

    @Test
    void everyWordOfTheQueryMustStartOneOfTheGuardiansWords() {
        assertThat(lastNames("/api/guardians?q=dup%20jea")).containsExactly("Dupont");
        assertThat(lastNames("/api/guardians?q=jean%20martin")).isEmpty();
    }

    @Test
    void accentsAndCaseAreIgnoredBothWays() {
        assertThat(lastNames("/api/guardians?q=h%C3%A9lo%C3%AFse")).containsExactly("Durand", "Martin");
        assertThat(lastNames("/api/guardians?q=HELOISE")).containsExactly("Durand", "Martin");
        assertThat(lastNames("/api/guardians?q=erard")).containsExactly("Érard");
    }

    @Test
    void theEmailAndNamesWrittenWithoutSeparatorsAreSearchedToo() {
        assertThat(lastNames("/api/guardians?q=example.org")).containsExactly("Durand");
        assertThat(lastNames("/api/guardians?q=jean.dupont@exa")).containsExactly("Dupont");
        assertThat(lastNames("/api/guardians?q=ndiaye")).containsExactly("N'Diaye");
    }

    @Test
    void guardiansCanBeFilteredOnHavingAnEmail() {
        assertThat(lastNames("/api/guardians?hasEmail=false")).containsExactly("Martin", "N'Diaye");
        assertThat(lastNames("/api/guardians?hasEmail=true&q=heloise")).containsExactly("Durand");
    }

    @Test
    void listsAreSortedByLastNameThenFirstNameAsPeopleReadThemAndPaged() {
        assertThat(lastNames("/api/guardians")).containsExactly("Dupont", "Durand", "Érard", "Martin", "N'Diaye");

        JsonNode page = api().get("/api/guardians?page=1&size=2").json();
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("items").findValuesAsString("lastName")).containsExactly("Érard", "Martin");
    }

    private List<String> lastNames(String path) {
        Api.Response response = api().get(path);
        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().get("items").forEach(item -> names.add(item.get("lastName").asString()));
        return names;
    }

    private void register(String firstName, String lastName, String email) {
        String body = "{\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
        assertThat(api().post("/api/guardians", body).status()).isEqualTo(201);
    }
}
