package dev.signet.delivery;

import java.time.Clock;

import dev.signet.cloudinary.CloudinaryAccounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires delivery URL signing and auth tokens; fails startup when a profile names an
 * unknown account, names no caller or holds malformed settings.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	DeliveryProfiles deliveryProfiles(DeliveryProperties properties, CloudinaryAccounts accounts) {
		return new DeliveryProfiles(properties.profiles(), accounts);
	}

	@Bean
	DeliverySigning deliverySigning(CloudinaryAccounts accounts, ObjectProvider<Clock> clock) {
		return new DeliverySigning(accounts, clock.getIfAvailable(Clock::systemUTC));
	}

}
