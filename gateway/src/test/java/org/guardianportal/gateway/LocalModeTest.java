package org.guardianportal.gateway;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in local mode on a real port, in front of three live echo services; one context for all subclasses. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "gateway.auth.mode=local")
public abstract class LocalModeTest {

    protected static final EchoService GUARDIANS = EchoService.start("guardian-service");
    protected static final EchoService CREDENTIALS = EchoService.start("credential-service");
    protected static final EchoService MESSAGES = EchoService.start("notification-service");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("GUARDIAN_SERVICE_URL", GUARDIANS::url);
        registry.add("CREDENTIAL_SERVICE_URL", CREDENTIALS::url);
        registry.add("NOTIFICATION_SERVICE_URL", MESSAGES::url);
    }

    @LocalServerPort
    private int port;

    protected WebTestClient gateway;

    /** An exact URI, sent as it is written (no template encoding). */
    protected URI at(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    @BeforeEach
    void connect() {
        gateway = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}
