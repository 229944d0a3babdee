/**
 * The HTTP API under {@code /api/v1}: one API for partners, the manufacturer's agents and ops,
 * where what a caller may see and do follows from its bearer token. Request bodies are read with a
 * size limit and parsed strictly; every error is {@code application/problem+json} naming the field
 * at fault, and a partner asking for another partner's ticket gets the same 404 as for one that
 * does not exist.
 */
package io.deskbridge.web;
