/**
 * The one JSON utility ({@code Json}): parse, write, pretty-print and compare documents by meaning (key order,
 * whitespace and single-versus-list values do not count), so that an unchanged policy is never rewritten.
 *
 * <p>May use the AWS SDK's JSON core only (the parser the bundled SDK already carries), and nothing of the plugin:
 * every other package may use it.
 */
package io.github.ecrmavenplugin.json;
