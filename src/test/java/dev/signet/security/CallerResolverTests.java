package dev.signet.security;

import java.util.List;
import java.util.Map;

import dev.signet.access.AllowedCallers;
import dev.signet.access.Caller;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CallerResolver}: who a JWT's client is, and that its {@code sub} never
 * is one.
 *
 * @author Signet developers
 */
class CallerResolverTests {

	private static final String ISSUER = "https://idp.example.com/realms/shop";

	private static final String JWKS = "https://idp.example.com/jwks";

	@Test
	void tokenWithoutAzpOrClientIdBelongsToItsIssuersSharedClient() {
		Caller caller = resolve(jwt().claim("iss", ISSUER).subject("shop-backend"));
		assertThat(caller.client()).isEqualTo(ISSUER);
		assertThat(caller.issuer()).isEqualTo(ISSUER);
		assertThat(caller.subject()).isEqualTo("shop-backend");
		assertThat(caller.apiKey()).isFalse();
		Caller other = resolve(jwt().claim("iss", ISSUER).subject("alice@example.com"));
		assertThat(other.client()).isEqualTo(caller.client());
		assertThat(other.namespace()).isNotEqualTo(caller.namespace());
	}

	@Test
	void azpNamesTheClientElseClientId() {
		assertThat(
				resolve(jwt().claim("iss", ISSUER).subject("u").claim("azp", "spa").claim("client_id", "x")).client())
			.isEqualTo("spa");
		assertThat(resolve(jwt().claim("iss", ISSUER).subject("u").claim("client_id", "mobile")).client())
			.isEqualTo("mobile");
		assertThat(resolve(jwt().claim("iss", ISSUER).subject("u").claim("azp", " ")).client()).isEqualTo(ISSUER);
	}

	@Test
	void tokenWithoutIssuerIsVouchedForByTheJwkSet() {
		Caller caller = resolve(jwt().subject("backend"));
		assertThat(caller.client()).isEqualTo(JWKS);
		assertThat(caller.issuer()).isEqualTo(JWKS);
		assertThat(caller.subject()).isEqualTo("backend");
	}

	@Test
	void sharedClientNeverMatchesAnApiKeyClientOrASubject() {
		Caller shared = resolve(jwt().claim("iss", ISSUER).subject("backend"));
		AllowedCallers byName = AllowedCallers.of(List.of("backend"), List.of("backend"));
		assertThat(byName.permits(shared)).isFalse();
		assertThat(byName.permits(Caller.ofApiKey("backend", null))).isTrue();
		assertThat(AllowedCallers.of(List.of(ISSUER), List.of()).permits(shared)).isFalse();
		assertThat(AllowedCallers.of(List.of(), List.of(ISSUER)).permits(shared)).isTrue();
	}

	private static Jwt.Builder jwt() {
		return Jwt.withTokenValue("token").header("alg", "RS256");
	}

	private static Caller resolve(Jwt.Builder jwt) {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("signet.jwt.jwk-set-uri", JWKS)));
		CallerResolver resolver = new CallerResolver(binder.bindOrCreate("signet", ApiKeyProperties.class),
				binder.bindOrCreate("signet.jwt", JwtProperties.class));
		JwtAuthenticationToken token = new JwtAuthenticationToken(jwt.build(),
				List.of(new SimpleGrantedAuthority("SCOPE_signet:sign")));
		return resolver.claim(token, null).resolve();
	}

}
