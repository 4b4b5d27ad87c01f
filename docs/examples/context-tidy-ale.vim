" context-tidy in Vim with ALE (Debian: apt-get install vim-ale).
" Put these lines in your vimrc (or in ~/.vim/after/ftplugin/cpp.vim).
" See docs/editors.md.  ALE runs the linter on the saved file, with the
" compile_commands.json it finds in build/ (or bin/) above the file, or in
" g:ale_c_build_dir.

" The standalone executable: clang-tidy with the context-* checks built in.
let g:ale_linters = get(g:, 'ale_linters', {})
let g:ale_linters.cpp = ['clangtidy']
let g:ale_cpp_clangtidy_executable = 'context-tidy'
let g:ale_cpp_clangtidy_checks = ['-*', 'context-*']

" Or the plugin in the clang-tidy it was built for (ALE passes
" ale_cpp_clangtidy_extra_options as ONE argument, so one option only):
"   let g:ale_cpp_clangtidy_executable = 'clang-tidy-19'
"   let g:ale_cpp_clangtidy_extra_options = '--load=/usr/lib/context-tidy/llvm-19/libContextTidy.so'

" Where compile_commands.json is, if not in build/ or bin/ above the file:
"   let g:ale_c_build_dir = '/path/to/build'
