package dev.signet.server;

import dev.signet.web.HttpProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Tomcat as Signet runs it: read deadlines and problem-details error pages.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	@Bean
	TomcatCustomizer tomcatCustomizer(HttpProperties properties) {
		return new TomcatCustomizer(properties.readTimeout());
	}

}
