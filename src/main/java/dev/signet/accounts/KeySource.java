package dev.signet.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.signet.codec.Sha256;
import dev.signet.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * Where a secret setting comes from: an inline value or a file, which is re-read to pick
 * up rotations. File content loses exactly one trailing line break, as a Kubernetes
 * secret or {@code echo} leaves it; anything else is the caller's to check.
 *
 * @param setting the setting's name, for messages and the self-check
 * @param inline the inline value, or {@code null}
 * @param file the file, or {@code null}
 * @author Signet developers
 */
record KeySource(String setting, @Nullable String inline, @Nullable Path file) {

	static KeySource of(String setting, @Nullable String inline, @Nullable Path file, String fileSetting) {
		if (inline != null && file != null) {
			throw new InvalidSettingException(setting, "set either " + setting + " or " + fileSetting + ", not both");
		}
		return new KeySource((file != null) ? fileSetting : setting, inline, file);
	}

	boolean isSet() {
		return this.inline != null || this.file != null;
	}

	boolean isReloadable() {
		return this.file != null;
	}

	/**
	 * Reads the value now.
	 * @return the value
	 * @throws InvalidSettingException when the file cannot be read
	 */
	@Nullable String read() {
		if (this.file == null) {
			return this.inline;
		}
		try {
			String content = Files.readString(this.file, StandardCharsets.UTF_8);
			if (content.endsWith("\r\n")) {
				return content.substring(0, content.length() - 2);
			}
			return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidSettingException(this.setting,
					"the file " + this.file + " cannot be read as UTF-8 text (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/**
	 * A digest of a value, to notice changes without keeping the value around twice.
	 * @param value the value
	 * @return its SHA-256
	 */
	static byte[] digest(@Nullable String value) {
		return Sha256.digest((value != null) ? value : "");
	}

	String describe() {
		return (this.file != null) ? this.setting + " (file " + this.file + ")" : this.setting;
	}

}
