package dev.signet.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read health details ({@code /actuator/health}, {@code /readyz}: API keys and
 * secret fingerprints, rate-limit mode), {@code signet.health}. Signing callers do not: a
 * browser or mobile app that signs uploads has no business reading them. Everyone else
 * sees the status only.
 *
 * @param clients the API-key clients (monitoring, operators) that may read them
 * @param scope the scope a JWT needs to read them; API-key clients in {@code clients} are
 * granted it
 * @author Signet developers
 */
@ConfigurationProperties("signet.health")
public record HealthProperties(@DefaultValue List<String> clients, @DefaultValue("signet:health") String scope) {

}
