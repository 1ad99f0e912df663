package dev.signet.assets;

import java.time.Clock;

import dev.signet.access.AuditTrail;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.redis.RedisConnection;
import dev.signet.redis.SharedRedisProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the upload records: their store and byte quota (in the shared Redis when
 * {@code signet.redis.url} is set, else in process), the Cloudinary Admin API client, the
 * background removals and the {@link UploadRecords} facade.
 *
 * @author Signet developers
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AssetsProperties.class, CloudinaryApiProperties.class, PublicUrlProperties.class })
class AssetsConfiguration {

	@Bean
	UploadRecordStore uploadRecordStore(AssetsProperties properties, SharedRedisProperties redis,
			ObjectProvider<Clock> clock) {
		RedisURI uri = redis.uriFor(SharedRedisProperties.URL, null);
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		if (uri != null) {
			uri.setTimeout(properties.redisTimeout());
			return new SharedUploadRecordStore(
					new RedisUploadRecordStore(new RedisConnection(RedisClient.create(uri)), properties, time),
					new LocalUploadRecordStore(properties, time));
		}
		return new LocalUploadRecordStore(properties, time);
	}

	@Bean
	ByteQuota byteQuota(SharedRedisProperties redis, AssetsProperties properties) {
		RedisURI uri = redis.uriFor(SharedRedisProperties.URL, null);
		if (uri != null) {
			uri.setTimeout(properties.redisTimeout());
			return new RedisByteQuota(new RedisConnection(RedisClient.create(uri)));
		}
		return new LocalByteQuota();
	}

	@Bean
	CloudinaryAdmin cloudinaryAdmin(CloudinaryAccounts accounts, CloudinaryApiProperties properties,
			ObjectProvider<Clock> clock) {
		return new HttpCloudinaryAdmin(accounts, properties, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean(destroyMethod = "close")
	BackgroundRemovals removals(CloudinaryAdmin admin, UploadRecordStore store, CloudinaryApiProperties properties,
			MeterRegistry meters) {
		return new BackgroundRemovals(admin, store, properties, meters);
	}

	@Bean
	UploadRecords uploadRecords(UploadRecordStore store, ByteQuota quota, BackgroundRemovals removals,
			CloudinaryAdmin admin, CloudinaryAccounts accounts, AuditTrail audit, MeterRegistry meters,
			ObjectProvider<Clock> clock, AssetsProperties properties) {
		return new UploadRecords(store, quota, removals, admin, accounts, audit, meters,
				clock.getIfAvailable(Clock::systemUTC), properties);
	}

}
