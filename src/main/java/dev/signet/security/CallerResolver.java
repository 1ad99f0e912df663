package dev.signet.security;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.signet.access.Caller;
import dev.signet.access.CallerClaim;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Turns the authenticated principal (and the {@code X-Signet-User} header) into the
 * {@link CallerClaim} a controller method declares as a parameter; the access pipeline
 * then decides who the caller is. A JWT's client is its {@code azp}, else its
 * {@code client_id}, else its issuer's shared client (named like the issuer); its
 * {@code sub} is the end user and never a client.
 *
 * @author Signet developers
 */
@Component
public class CallerResolver implements HandlerMethodArgumentResolver {

	private final Set<String> trustedClients;

	private final String defaultIssuer;

	CallerResolver(ApiKeyProperties properties, JwtProperties jwt) {
		this.trustedClients = Set.copyOf(properties.trustedClients());
		this.defaultIssuer = hasText(jwt.issuerUri()) ? jwt.issuerUri()
				: hasText(jwt.jwkSetUri()) ? jwt.jwkSetUri() : "-";
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return CallerClaim.class.equals(parameter.getParameterType());
	}

	@Override
	public CallerClaim resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		return current((request != null) ? request.getHeader(CallerClaim.USER_HEADER) : null);
	}

	/**
	 * What the authenticated principal of the current request claims, for code that
	 * serves a request outside MVC's argument resolution.
	 * @param request the request
	 * @return the claim
	 * @throws Refusal when the request is not authenticated
	 */
	public CallerClaim current(HttpServletRequest request) {
		return current(request.getHeader(CallerClaim.USER_HEADER));
	}

	private CallerClaim current(@Nullable String namedUser) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			throw new Refusal(Reason.UNAUTHENTICATED, "Send an API key or a bearer token.");
		}
		return claim(authentication, namedUser);
	}

	/**
	 * What an authenticated principal and a named user claim.
	 * @param authentication the authenticated principal
	 * @param namedUser the {@code X-Signet-User} header, or {@code null}
	 * @return the claim
	 */
	public CallerClaim claim(Authentication authentication, @Nullable String namedUser) {
		Caller principal = identify(authentication);
		return new CallerClaim(principal, namedUser,
				principal.apiKey() && this.trustedClients.contains(principal.client()));
	}

	/**
	 * The caller of an authenticated principal alone.
	 * @param authentication the authenticated principal
	 * @return the caller
	 */
	private Caller identify(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			return fromJwt(token);
		}
		return Caller.ofApiKey(authentication.getName(), null);
	}

	private Caller fromJwt(JwtAuthenticationToken token) {
		Jwt jwt = token.getToken();
		String iss = jwt.getClaimAsString("iss");
		String issuer = hasText(iss) ? iss : this.defaultIssuer;
		String client = claim(jwt, "azp");
		if (client == null) {
			client = claim(jwt, "client_id");
		}
		if (client == null) {
			// Neither azp nor client_id: the issuer's shared client, never the sub (a
			// user named like a client would otherwise pass as that client).
			client = issuer;
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (GrantedAuthority authority : token.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("SCOPE_")) {
				scopes.add(name.substring("SCOPE_".length()));
			}
		}
		String subject = (jwt.getSubject() != null && !jwt.getSubject().isBlank()) ? jwt.getSubject() : client;
		return new Caller(client, issuer, subject, scopes, false);
	}

	private static @Nullable String claim(Jwt jwt, String name) {
		String value = jwt.getClaimAsString(name);
		return hasText(value) ? value : null;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
