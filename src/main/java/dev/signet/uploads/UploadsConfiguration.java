package dev.signet.uploads;

import java.time.Clock;

import dev.signet.redis.SharedRedisProperties;
import dev.signet.signing.UploadSignatures;
import io.lettuce.core.RedisURI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires upload sessions and their store: in process, or in the shared Redis when
 * {@code signet.redis.url} is set.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
class UploadsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(UploadsConfiguration.class);

	@Bean
	UploadSessionStore uploadSessionStore(UploadsProperties properties, SharedRedisProperties redis,
			ObjectProvider<Clock> clock) {
		LocalUploadSessionStore local = new LocalUploadSessionStore(properties.maxLocalSessions(),
				clock.getIfAvailable(Clock::systemUTC));
		RedisURI uri = redis.uriFor(SharedRedisProperties.URL, null);
		if (uri == null) {
			return local;
		}
		log.info("Upload sessions live in Redis (shared by every replica)");
		return new SharedUploadSessionStore(
				new RedisUploadSessionStore(uri, properties.redisKeyPrefix(), properties.redisTimeout()), local);
	}

	@Bean
	UploadSessions uploadSessions(UploadSignatures signatures, UploadSessionStore store, ObjectProvider<Clock> clock) {
		return new UploadSessions(signatures, store, clock.getIfAvailable(Clock::systemUTC));
	}

}
