package dev.signet.security;

import dev.signet.web.ProblemResponses;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers {@link CredentialHeaderFilter} right after the request id and body limit
 * filters, so before the security filter chain authenticates anything.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class CredentialHeaderConfiguration {

	@Bean
	FilterRegistrationBean<CredentialHeaderFilter> credentialHeaderFilter(ProblemResponses problems) {
		FilterRegistrationBean<CredentialHeaderFilter> registration = new FilterRegistrationBean<>(
				new CredentialHeaderFilter(problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
