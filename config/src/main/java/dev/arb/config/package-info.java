/**
 * The typed configuration of arb: loading from HOCON with environment and command-line overrides,
 * validation that reports every problem with its origin, secret references, templates.
 */
package dev.arb.config;
