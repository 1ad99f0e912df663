package dev.signet.security;

import java.util.List;

import dev.signet.access.CallerClaim;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controller methods declare a {@link CallerClaim} parameter, filled by
 * {@link CallerResolver} and kept out of the OpenAPI description.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class CallerArgumentConfiguration implements WebMvcConfigurer {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerClaim.class);
	}

	private final CallerResolver callers;

	CallerArgumentConfiguration(CallerResolver callers) {
		this.callers = callers;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this.callers);
	}

}
