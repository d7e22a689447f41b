package org.guardianportal.credential;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CredentialApplication {

    public static void main(String[] args) {
        SpringApplication.run(CredentialApplication.class, args);
    }
}
