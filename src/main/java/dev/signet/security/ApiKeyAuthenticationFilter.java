package dev.signet.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-Api-Key} callers of the paths that need authentication (others
 * never have their key looked at, so they are no oracle for guessing keys). A request
 * without the header goes on unauthenticated (a bearer token may follow); a wrong key is
 * refused at once. Every client gets the signing scope; the clients of
 * {@code signet.health.clients} also get the health scope, which shows health details,
 * and those of {@code signet.operator.clients} the operator scope, which opens the
 * operator pages.
 *
 * @author Signet developers
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Api-Key";

	private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

	private final ApiKeyStore clients;

	private final List<SimpleGrantedAuthority> authorities;

	private final List<SimpleGrantedAuthority> healthAuthorities;

	private final List<SimpleGrantedAuthority> operatorAuthorities;

	private final List<SimpleGrantedAuthority> healthOperatorAuthorities;

	private final Set<String> healthClients;

	private final Set<String> operatorClients;

	private final AuthenticationEntryPoint entryPoint;

	private final RequestMatcher authenticated;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ApiKeyAuthenticationFilter(ApiKeyStore clients, String scope, HealthProperties health, OperatorProperties operator,
			AuthenticationEntryPoint entryPoint, RequestMatcher authenticated) {
		this.clients = clients;
		SimpleGrantedAuthority sign = new SimpleGrantedAuthority("SCOPE_" + scope);
		SimpleGrantedAuthority healthScope = new SimpleGrantedAuthority("SCOPE_" + health.scope());
		SimpleGrantedAuthority operatorScope = new SimpleGrantedAuthority("SCOPE_" + operator.scope());
		this.authorities = List.of(sign);
		this.healthAuthorities = List.of(sign, healthScope);
		this.operatorAuthorities = List.of(sign, operatorScope);
		this.healthOperatorAuthorities = List.of(sign, healthScope, operatorScope);
		this.healthClients = Set.copyOf(health.clients());
		this.operatorClients = Set.copyOf(operator.clients());
		this.entryPoint = entryPoint;
		this.authenticated = authenticated;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.authenticated.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
			this.entryPoint.commence(request, response,
					new BadCredentialsException("Send either X-Api-Key or Authorization, not both"));
			return;
		}
		String client = this.clients.current().authenticate(key);
		if (client == null) {
			this.entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
			return;
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(new ApiKeyAuthentication(client, authoritiesOf(client)));
		this.contexts.setContext(context);
		// Kept on the request too, so that an async dispatch (GET /v1/uploads/{id}?wait=)
		// is still authenticated when its result is written.
		this.repository.saveContext(context, request, response);
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.contexts.clearContext();
		}
	}

	private List<SimpleGrantedAuthority> authoritiesOf(String client) {
		boolean operator = this.operatorClients.contains(client);
		if (this.healthClients.contains(client)) {
			return operator ? this.healthOperatorAuthorities : this.healthAuthorities;
		}
		return operator ? this.operatorAuthorities : this.authorities;
	}

}
