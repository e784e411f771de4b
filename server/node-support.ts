/**
 * Node versions. The project runs on Node ≥ 20.19 (the machines it is developed and tested on have
 * 20.20, and Node 22 cannot be installed there yet) and its Lambdas on Node 24. AWS SDK v3 releases
 * from January 2027 need Node ≥ 22 and the current ones print a NodeVersionSupportWarning on 20: the
 * lockfile pins SDK versions that still support 20, so on 20 the warning announces nothing that
 * affects this checkout, and it is silenced here (only below 22). README "Node versions" says what
 * to change when Node 22 reaches the machines; on 22 and later nothing is silenced.
 */
export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

if (NODE_MAJOR < 22) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
