/**
 * The configured Cloudinary accounts and their key pairs, reloaded from secret files
 * while running, with a credential self-check for operators.
 */
@NullMarked
package dev.signet.accounts;

import org.jspecify.annotations.NullMarked;
