package dev.signet.signing;

import java.time.Clock;

import dev.signet.cloudinary.CloudinaryAccounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the plain signing classes.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	@Bean
	UploadSignatures uploadSignatures(CloudinaryAccounts accounts, SigningProperties properties,
			ObjectProvider<Clock> clock) {
		return new UploadSignatures(accounts, UploadPolicy.defaultPolicy(), clock.getIfAvailable(Clock::systemUTC),
				properties.widgetTimestampTolerance());
	}

}
