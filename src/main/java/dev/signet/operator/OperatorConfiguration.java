package dev.signet.operator;

import dev.signet.access.Access;
import dev.signet.accounts.AccountRegistry;
import dev.signet.delivery.DeliveryProperties;
import dev.signet.ratelimit.RateLimitProperties;
import dev.signet.ratelimit.RateLimiter;
import dev.signet.security.OperatorProperties;
import dev.signet.signing.ProfileProperties;
import dev.signet.signing.SigningProfiles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the operator pages: the ring of recent decisions, fed by the audit trail, and the
 * reports.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class OperatorConfiguration {

	@Bean
	RecentDecisions recentDecisions(OperatorProperties properties) {
		return new RecentDecisions(properties.recentDecisions());
	}

	@Bean
	OperatorReports operatorReports(SigningProfiles signing, ProfileProperties signingSettings,
			DeliveryProperties delivery, RateLimitProperties limits, RateLimiter limiter, Access access,
			AccountRegistry accounts, RecentDecisions decisions) {
		return new OperatorReports(signing, signingSettings, delivery, limits, limiter, access, accounts, decisions);
	}

}
