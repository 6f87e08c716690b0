/** Server-independent rendering of executions: the JSON and self-contained HTML behind {@code /_local/executions}. */
package dev.ordersprofiles.local.asl.view;
