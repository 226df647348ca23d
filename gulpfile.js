const { src, dest, task } = require('gulp');

// n8n reads node and credential icons from dist/, next to the compiled .js files.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.' }).pipe(dest('dist'));
}

task('build:icons', copyIcons);
