// no README
