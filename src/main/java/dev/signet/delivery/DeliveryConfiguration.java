package dev.signet.delivery;

import java.time.Clock;

import dev.signet.cloudinary.CloudinaryAccounts;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires delivery URL signing and auth tokens; fails startup when a profile names an
 * unknown account or holds malformed settings.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	DeliverySigning deliverySigning(DeliveryProperties properties, CloudinaryAccounts accounts,
			ObjectProvider<Clock> clock) {
		return new DeliverySigning(new DeliveryProfiles(properties.profiles(), accounts), accounts,
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	DeliveryEvents deliveryEvents(MeterRegistry meters) {
		return new DeliveryEvents(meters);
	}

}
