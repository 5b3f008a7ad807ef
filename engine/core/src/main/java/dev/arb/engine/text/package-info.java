/**
 * Values written for people in messages ({@code 2h 40m}); below every other engine package, so any
 * of them may use it.
 */
package dev.arb.engine.text;
