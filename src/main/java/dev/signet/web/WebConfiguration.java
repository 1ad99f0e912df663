package dev.signet.web;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Registers the filters every request passes first: request id, then body limit.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	ProblemResponses problemResponses(ObjectProvider<Tracer> tracer) {
		return new ProblemResponses(tracer.getIfAvailable());
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * No {@code RequestContextFilter}: nothing before the {@code DispatcherServlet} reads
	 * the request context, and the servlet sets it up itself.
	 * @return a registration that keeps Spring Boot's filter out
	 */
	@Bean
	FilterRegistrationBean<RequestContextFilter> noRequestContextFilter() {
		FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(
				new RequestContextFilter());
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(HttpProperties properties, ProblemResponses problems) {
		FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(
				properties.maxBodySize().toBytes(), properties.maxNotificationBodySize().toBytes(), problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
