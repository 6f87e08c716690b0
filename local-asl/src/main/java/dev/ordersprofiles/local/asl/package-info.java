/** Embedded Amazon States Language interpreter: knows ASL and a task invoker, nothing about orders. */
package dev.ordersprofiles.local.asl;
