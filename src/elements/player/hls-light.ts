// hls.js' light build behind a module of our own: a dynamic import of this file needs no namespace
// object of a node_modules module, so the bundle's hls.js chunk loads without waiting on the
// bundler's runtime helper chunk (one round trip fewer before the first frame).
export { default } from 'hls.js/light';
