package org.guardianportal.gateway;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in production (oidc) mode on a real port, trusting a local test issuer, which is also the provider
 * people sign in at (the gateway is its client). Behind it: a live
 * guardian-service, a credential-service that has been stopped, and a notification-service whose {@code /slow}
 * answers come after the (shortened) response timeout. One context for all subclasses.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "gateway.auth.mode=oidc",
        "gateway.auth.client-id=" + TestIssuer.CLIENT_ID,
        "gateway.auth.client-secret=" + TestIssuer.CLIENT_SECRET,
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1500ms"})
public abstract class OidcModeTest {

    protected static final TestIssuer ISSUER = TestIssuer.start();
    protected static final EchoService GUARDIANS = EchoService.start("guardian-service");
    protected static final EchoService CREDENTIALS = EchoService.stopped("credential-service");
    protected static final EchoService MESSAGES = EchoService.start("notification-service");

    @DynamicPropertySource
    static void issuerAndServices(DynamicPropertyRegistry registry) {
        registry.add("OIDC_ISSUER_URI", ISSUER::issuer);
        registry.add("GUARDIAN_SERVICE_URL", GUARDIANS::url);
        registry.add("CREDENTIAL_SERVICE_URL", CREDENTIALS::url);
        registry.add("NOTIFICATION_SERVICE_URL", MESSAGES::url);
    }

    @LocalServerPort
    private int port;

    protected WebTestClient gateway;

    @BeforeEach
    void connect() {
        gateway = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}
