package dev.signet.security;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.signet.ratelimit.AuthFailureLimitFilter;
import dev.signet.ratelimit.RateLimiter;
import dev.signet.settings.InvalidSettingException;
import dev.signet.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The one security filter chain: API keys and JWTs authenticate callers of
 * {@code /v1/**}, which need the signing scope; probes, metrics and the API description
 * are open. Credentials are read only where authentication is needed ({@code /v1/**} and
 * the health endpoints, whose details need the signing scope), elsewhere they are
 * ignored. Stateless, no cookies, so no CSRF; CORS from an exact origin allow-list. The
 * built-in console's files under {@code /console} are public and get their own strict
 * Content-Security-Policy. The operator pages ({@code /v1/operator/**}) need the operator
 * scope instead of the signing scope; API-key clients of {@code signet.operator.clients}
 * are granted it.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The API, where a request without credentials is refused (and counted as a failed
	 * authentication). Matched, like every rule here, on the decoded, normalized path (so
	 * {@code /v%31/signatures} is {@code /v1/signatures}).
	 */
	static final RequestMatcher API = path("/v1/**");

	/**
	 * Cloudinary's calls to the notification receiver: no credentials to guess, and
	 * shared Cloudinary addresses that others could get locked out.
	 */
	static final RequestMatcher RECEIVER = new OrRequestMatcher(path("/v1/notifications/cloudinary"),
			path("/v1/notifications/cloudinary/*"));

	/**
	 * The requests refused without credentials once their address failed too often: the
	 * API except the receiver (requests carrying credentials are limited on every path).
	 */
	static final RequestMatcher LIMITED = new AndRequestMatcher(API, new NegatedRequestMatcher(RECEIVER));

	/** The operator pages, which need the operator scope. */
	static final RequestMatcher OPERATOR = path("/v1/operator/**");

	/**
	 * The software bill of materials ({@code /actuator/sbom}): every library and its
	 * version, which tells an attacker which known vulnerabilities to try. Read with the
	 * health scope only, like health details.
	 */
	static final RequestMatcher SBOM = new OrRequestMatcher(path("/actuator/sbom"), path("/actuator/sbom/**"));

	/**
	 * The requests whose credentials are checked: the API, the health endpoints, whose
	 * details need the health scope, and the SBOM. Elsewhere credentials are ignored.
	 */
	static final RequestMatcher AUTHENTICATED = new OrRequestMatcher(API, path("/actuator/health"),
			path("/actuator/health/**"), path("/readyz"), SBOM);

	/**
	 * The built-in console's page and static files ({@code /console},
	 * {@code /console/**}): public (the page's API calls carry the credentials), with
	 * their own strict policy.
	 */
	static final RequestMatcher CONSOLE = new OrRequestMatcher(path("/console"), path("/console/**"));

	/** The API's policy: it answers JSON only, never a page. */
	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	/**
	 * The console's policy: scripts, styles and API calls from Signet itself only, no
	 * inline script or style, no eval, no framing, no form posts.
	 */
	static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; "
			+ "base-uri 'none'";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiKeyStore clients, JwtProperties jwt,
			CorsProperties cors, ProblemResponses problems, RateLimiter rateLimiter, HealthProperties health,
			MeterRegistry meters, OperatorProperties operator) throws Exception {
		if (clients.current().isEmpty() && !jwt.enabled()) {
			throw new InvalidSettingException("SIGNET_API_KEYS",
					"no caller could ever sign: set SIGNET_API_KEYS=name:key (or a file of that name), "
							+ "or SIGNET_JWT_ISSUER_URI / SIGNET_JWT_JWK_SET_URI with SIGNET_JWT_AUDIENCE");
		}
		if (operator.scope().equals(jwt.scope())) {
			throw new InvalidSettingException("signet.operator.scope",
					"it equals the signing scope, which would make every signing caller an operator; "
							+ "choose another scope (the default is signet:operator)");
		}
		if (operator.scope().equals(health.scope())) {
			throw new InvalidSettingException("signet.operator.scope",
					"it equals the health scope, which would make every health client an operator; "
							+ "choose another scope (the default is signet:operator)");
		}
		ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems, jwt.scope(), jwt.enabled(),
				rateLimiter, operator.scope(), OPERATOR, health.scope(), SBOM);
		String signScope = "SCOPE_" + jwt.scope();
		// @formatter:off
		http
			.authorizeHttpRequests((requests) -> requests
				// Called by Cloudinary itself: the notification signature authenticates it.
				.requestMatchers(HttpMethod.POST, "/v1/notifications/cloudinary", "/v1/notifications/cloudinary/*").permitAll()
				.requestMatchers(HttpMethod.POST, "/v1/signatures", "/v1/signatures/widget").hasAuthority(signScope)
				.requestMatchers(HttpMethod.POST, "/v1/notifications/verify", "/v1/responses/verify", "/v1/delivery-urls",
						"/v1/auth-tokens").hasAuthority(signScope)
				// The operator pages need the operator scope, not the signing scope.
				.requestMatchers(OPERATOR).hasAuthority("SCOPE_" + operator.scope())
				// Everything else under /v1 (profile descriptions, diagnostics) needs the scope too.
				.requestMatchers("/v1/**").hasAuthority(signScope)
				.requestMatchers(SBOM).hasAuthority("SCOPE_" + health.scope())
				.anyRequest().permitAll())
			.addFilter(corsFilter(cors, handlers))
			.csrf((csrf) -> csrf.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			// Stateless: no session, no anonymous principal (an unauthenticated request to
			// /v1/** goes straight to the entry point), the context lives in the request only.
			.sessionManagement((session) -> session.disable())
			.securityContext((context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.anonymous((anonymous) -> anonymous.disable())
			.headers((headers) -> headers
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
						PathPatternRequestMatcher.withDefaults().matcher("/v1/**"),
						new StaticHeadersWriter("Content-Security-Policy", API_POLICY)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(CONSOLE,
						new StaticHeadersWriter("Content-Security-Policy", CONSOLE_POLICY)))
				.referrerPolicy((referrer) -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers))
			.addFilterBefore(new ApiKeyAuthenticationFilter(clients, jwt.scope(), health, operator, handlers,
					AUTHENTICATED),
					BearerTokenAuthenticationFilter.class)
			.addFilterBefore(new AuthFailureLimitFilter(rateLimiter, problems, LIMITED),
					ApiKeyAuthenticationFilter.class);
		if (jwt.enabled()) {
			BearerTokenResolver bearer = FastHeaderChecks.bearerTokens();
			http.oauth2ResourceServer((oauth2) -> oauth2
				.bearerTokenResolver((request) -> AUTHENTICATED.matches(request) ? bearer.resolve(request) : null)
				.jwt((decoder) -> decoder.decoder(jwtDecoder(jwt, meters)))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers)
				// A JWK set that cannot be fetched is Signet's problem, not the caller's:
				// 503 with Retry-After instead of the AuthenticationServiceException rethrown as a 500.
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {

					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(handlers);
						return filter;
					}

				}));
		}
		// @formatter:on
		return http.build();
	}

	/**
	 * No observation (trace or timer) around each security filter, authentication and
	 * authorization: on the signing path they cost more than the signing itself, and
	 * {@code http.server.requests} and Signet's own counters already measure every
	 * request.
	 * @return settings that turn Spring Security's observations off
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's strict firewall with its default rules; its header checks are
	 * answered without a regular expression for printable ASCII
	 * ({@link FastHeaderChecks}).
	 * @return the firewall
	 */
	@Bean
	static StrictHttpFirewall httpFirewall() {
		return FastHeaderChecks.firewall();
	}

	static JwtDecoder jwtDecoder(JwtProperties jwt, MeterRegistry meters) {
		if (jwt.audience().isEmpty()) {
			throw new InvalidSettingException("SIGNET_JWT_AUDIENCE",
					"JWT authentication is enabled but no audience is set: without it Signet would accept "
							+ "tokens the identity provider issued for any other API");
		}
		String issuer = jwt.issuerUri();
		List<String> audiences = jwt.audience();
		// Fetches nothing before the first token, so that Signet starts (and API keys
		// work) while the identity provider is down.
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSource(JwkSets.remote(hasText(jwt.jwkSetUri()) ? jwt.jwkSetUri() : null, issuer, meters))
			.jwsAlgorithms((algorithms) -> {
				algorithms.add(SignatureAlgorithm.RS256);
				algorithms.add(SignatureAlgorithm.ES256);
			})
			.build();
		// Plain JWTs and RFC 9068 access tokens, or no typ at all.
		JwtTypeValidator types = new JwtTypeValidator("JWT", "at+jwt", "application/at+jwt");
		types.setAllowEmpty(true);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(
				List.of(types, new TokenLifetimeValidator(jwt.maxTokenLifetime(), Clock.systemUTC()),
						new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
								(aud) -> aud != null && !Collections.disjoint(aud, audiences))));
		if (hasText(issuer)) {
			validators.add(new JwtIssuerValidator(issuer));
		}
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
		JwtDecoder verified = (jwt.verifiedCacheSize() > 0)
				? new VerifiedTokenCache(decoder, jwt.verifiedCacheSize(), jwt.verifiedCacheTime(), Clock.systemUTC())
				: decoder;
		return new CanonicalTokens(verified);
	}

	private static CorsFilter corsFilter(CorsProperties properties, ProblemSecurityHandlers handlers) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(properties.allowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Api-Key", "X-Request-Id"));
		configuration
			.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "RateLimit-Policy", "RateLimit", "Location"));
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(properties.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		// An upload session is finished with DELETE; nothing else takes it. First match
		// wins.
		CorsConfiguration uploads = new CorsConfiguration(configuration);
		uploads.setAllowedMethods(List.of("GET", "POST", "DELETE"));
		source.registerCorsConfiguration("/v1/uploads/**", uploads);
		// The operator pages are read by the console, on Signet's own origin: no other
		// origin may read them, even one allowed to ask for signatures.
		source.registerCorsConfiguration("/v1/operator/**", new CorsConfiguration());
		source.registerCorsConfiguration("/v1/**", configuration);
		CorsFilter filter = new CorsFilter(source);
		filter.setCorsProcessor(new DefaultCorsProcessor() {

			@Override
			public boolean processRequest(@Nullable CorsConfiguration config, HttpServletRequest request,
					HttpServletResponse response) throws IOException {
				boolean accepted = super.processRequest(config, request, response);
				if (!accepted) {
					handlers.rejectCors(request, response);
				}
				return accepted;
			}

			@Override
			protected void rejectRequest(ServerHttpResponse response) {
				// The problem response is written by processRequest.
			}

		});
		return filter;
	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
