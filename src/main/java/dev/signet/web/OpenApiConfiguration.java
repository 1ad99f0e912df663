package dev.signet.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs}: title and the two ways to
 * authenticate.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI signetOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Signet")
				.description("Signs Cloudinary uploads for browsers, mobile apps and backends without sharing "
						+ "the API secret. Errors are application/problem+json with a stable type URI.")
				.version("v1")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-Api-Key")
							.description("A client key configured in SIGNET_API_KEYS"))
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("An access token from the configured issuer, with the signing scope")));
	}

}
