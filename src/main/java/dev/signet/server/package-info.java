/**
 * The embedded Tomcat as Signet runs it: read deadlines for headers and bodies and
 * problem details instead of Tomcat's HTML error pages.
 */
@NullMarked
package dev.signet.server;

import org.jspecify.annotations.NullMarked;
