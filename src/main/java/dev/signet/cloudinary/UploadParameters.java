package dev.signet.cloudinary;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cloudinary's rule for which upload parameters take part in the string to sign: every
 * parameter posted with a signed upload is signed except the ones in
 * {@link #NEVER_SIGNED}. This is the one list of them in Signet; what Signet refuses on
 * top of it is Signet's own policy and lives with the signing policy.
 * <p>
 * Sources (see {@code shared/cloudinary-signing-spec.md} §1.2):
 * <ul>
 * <li>Cloudinary's documentation, "Generating authentication signatures": every parameter
 * of the call is signed "except {@code file}, {@code cloud_name}, {@code resource_type}
 * and your {@code api_key}";</li>
 * <li>{@code cloudinary_npm} {@code docs/sign-browser-upload.md}: "except {@code file},
 * {@code api_key}, {@code signature}, and {@code resource_type}";</li>
 * <li>the SDKs' {@code api_sign_request} (Node {@code lib/utils}
 * {@code api_string_to_sign}, Python {@code cloudinary/utils.py}
 * {@code api_string_to_sign}, Java {@code Util.produceSignature}) sign whatever map they
 * are given and filter nothing; the names are left out by how each SDK builds the
 * request: {@code sign_request} ({@code Cloudinary.signRequest} in Java) adds
 * {@code signature} and then {@code api_key} after signing, {@code file} is posted beside
 * the signed parameters (Node {@code uploader.js} {@code call_api}, Python
 * {@code uploader.call_api}), Java's {@code Util.buildUploadParams} copies only upload
 * options into the signed map, and {@code cloud_name} and {@code resource_type} are part
 * of the API URL;</li>
 * <li>the .NET SDK's {@code ApiShared.SignParameters} is the only one that filters:
 * {@code resource_type}, {@code file} and {@code api_key}.</li>
 * </ul>
 *
 * @author Signet developers
 */
public final class UploadParameters {

	/**
	 * The parameters Cloudinary never includes in the string to sign of an upload, in a
	 * fixed order: {@code file}, {@code api_key}, {@code signature}, {@code cloud_name},
	 * {@code resource_type}.
	 */
	public static final Set<String> NEVER_SIGNED = Collections
		.unmodifiableSet(new LinkedHashSet<>(List.of("file", "api_key", "signature", "cloud_name", "resource_type")));

	private UploadParameters() {
	}

	/**
	 * Whether Cloudinary leaves a parameter out of the string to sign.
	 * @param name the parameter's name
	 * @return {@code true} for the names in {@link #NEVER_SIGNED}
	 */
	public static boolean isNeverSigned(String name) {
		return NEVER_SIGNED.contains(name);
	}

}
